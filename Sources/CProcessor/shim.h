// What Swift cannot say about the processor.
#include <stdint.h>

// Tells the core that the calling thread is spinning on a memory word: on x86 `pause` (a core
// sharing its units with a sibling thread gives them to it, and leaving the loop does not
// flush the pipeline), on AArch64 `yield`.
static inline void fm_spin_pause(void) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

// Asks for the cache line holding `address` ahead of its use (a hint: never faults).
static inline void fm_prefetch(const void *address) { __builtin_prefetch(address, 0, 2); }

// The calling thread's floating-point control register, and the bits that flush denormal
// (subnormal) numbers to zero: x86-64 MXCSR's FTZ and DAZ, AArch64 FPCR's FZ. Elsewhere: none.

#if defined(__x86_64__)
#include <xmmintrin.h>
static inline uint32_t fm_float_control(void) { return _mm_getcsr(); }
static inline void fm_set_float_control(uint32_t bits) { _mm_setcsr(bits); }
static inline uint32_t fm_flush_denormals_bits(void) { return 0x8040u; }
#elif defined(__aarch64__)
static inline uint32_t fm_float_control(void) { uint64_t v; __asm__ volatile("mrs %0, fpcr" : "=r"(v)); return (uint32_t)v; }
static inline void fm_set_float_control(uint32_t bits) { uint64_t v = bits; __asm__ volatile("msr fpcr, %0" : : "r"(v)); }
static inline uint32_t fm_flush_denormals_bits(void) { return 1u << 24; }
#else
static inline uint32_t fm_float_control(void) { return 0; }
static inline void fm_set_float_control(uint32_t bits) { (void)bits; }
static inline uint32_t fm_flush_denormals_bits(void) { return 0; }
#endif
