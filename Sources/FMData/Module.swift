// FMData
