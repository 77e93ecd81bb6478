import os
os.write(1, b"x")
block = "é".encode() * 65536
while True:
    os.write(1, block)
