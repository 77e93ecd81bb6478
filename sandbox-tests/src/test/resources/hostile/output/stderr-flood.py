import sys
while True:
    sys.stderr.write("err " * 256 + "\n")
