import sys
total = 0
while True:
    chunk = sys.stdin.buffer.read(65536)
    if not chunk:
        break
    total += len(chunk)
print(total, "bytes")
