// FMPrompt
