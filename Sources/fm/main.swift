import FMShell
print("fm")
