import os, sys
fd = os.open("/tmp/captured", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.dup2(fd, 1)
os.dup2(fd, 2)
print("into the file", flush=True)
print("into the file too", file=sys.stderr, flush=True)
sys.exit(0)
