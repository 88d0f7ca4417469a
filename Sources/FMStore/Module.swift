// FMStore
