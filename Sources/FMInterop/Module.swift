// FMInterop
