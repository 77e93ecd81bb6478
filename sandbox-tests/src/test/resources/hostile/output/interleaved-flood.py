import os, threading

def flood(fd, line):
    block = line * 4096
    while True:
        os.write(fd, block)

threading.Thread(target=flood, args=(2, b"err\n"), daemon=True).start()
flood(1, b"out\n")
