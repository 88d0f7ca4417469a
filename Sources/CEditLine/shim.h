// libedit's native C API (Debian: libedit-dev).
//
// Swift does not import C variadic functions, and `el_set`, `el_get` and `history` are all
// variadic. Each `fm_` function below is one fixed-argument call of them, `static inline` so it
// compiles into the importing Swift module (this is a system-library target: no C sources).
#include <stdio.h>
#include <histedit.h>

/// The prompt callback libedit calls before drawing a line.
typedef char *(*fm_prompt_fn)(EditLine *);
/// An editor command bound to a key: returns one of the CC_ codes.
typedef unsigned char (*fm_command_fn)(EditLine *, int);

static inline int fm_el_set_prompt(EditLine *e, fm_prompt_fn f, char ignore) {
    // Characters between two `ignore` characters are printed but take no columns (colours).
    return el_set(e, EL_PROMPT_ESC, f, ignore);
}
static inline int fm_el_set_editor(EditLine *e, const char *mode) {
    return el_set(e, EL_EDITOR, mode);
}
static inline int fm_el_set_terminal(EditLine *e, const char *type) {
    return el_set(e, EL_TERMINAL, type);
}
static inline int fm_el_set_signal(EditLine *e, int on) {
    return el_set(e, EL_SIGNAL, on);
}
static inline int fm_el_set_history(EditLine *e, History *h) {
    return el_set(e, EL_HIST, history, h);
}
static inline int fm_el_set_clientdata(EditLine *e, void *data) {
    return el_set(e, EL_CLIENTDATA, data);
}
static inline void *fm_el_get_clientdata(EditLine *e) {
    void *data = NULL;
    if (el_get(e, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}
static inline int fm_el_add_command(EditLine *e, const char *name, const char *help, fm_command_fn f) {
    return el_set(e, EL_ADDFN, name, help, f);
}
static inline int fm_el_bind(EditLine *e, const char *key, const char *command) {
    return el_set(e, EL_BIND, key, command, (const char *)NULL);
}
/// Binds in vi's command map (`bind -a`); in emacs mode this is the meta map, harmless.
static inline int fm_el_bind_command_map(EditLine *e, const char *key, const char *command) {
    return el_set(e, EL_BIND, "-a", key, command, (const char *)NULL);
}
/// `setty -d ARG`: a terminal setting used while editing (e.g. "-isig": Ctrl-C, Ctrl-Z arrive as keys).
static inline int fm_el_setty_edit(EditLine *e, const char *arg) {
    return el_set(e, EL_SETTY, "-d", arg, (const char *)NULL);
}

static inline int fm_history_setsize(History *h, HistEvent *ev, int size) {
    return history(h, ev, H_SETSIZE, size);
}
static inline int fm_history_getsize(History *h, HistEvent *ev) {
    return history(h, ev, H_GETSIZE);
}
static inline int fm_history_setunique(History *h, HistEvent *ev, int unique) {
    return history(h, ev, H_SETUNIQUE, unique);
}
static inline int fm_history_enter(History *h, HistEvent *ev, const char *line) {
    return history(h, ev, H_ENTER, line);
}
static inline int fm_history_load(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_LOAD, path);
}
static inline int fm_history_save(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_SAVE, path);
}
/// The newest entry is H_FIRST, the oldest H_LAST; H_PREV walks from older towards newer.
static inline int fm_history_first(History *h, HistEvent *ev) {
    return history(h, ev, H_FIRST);
}
static inline int fm_history_last(History *h, HistEvent *ev) {
    return history(h, ev, H_LAST);
}
static inline int fm_history_prev(History *h, HistEvent *ev) {
    return history(h, ev, H_PREV);
}
