// FMShell
