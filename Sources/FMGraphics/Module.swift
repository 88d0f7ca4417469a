// FMGraphics
