// FMLanguage
