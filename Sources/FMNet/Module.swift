// FMNet
