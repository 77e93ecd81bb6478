# O_NONBLOCK on stdout and stderr, then twice the output cap on stdout, every write retried on EAGAIN.
import os, select

os.set_blocking(1, False)
os.set_blocking(2, False)
block = b"o" * 4095 + b"\n"
sent = 0
while sent < 2 * @@maxOutputBytes@@:
    try:
        sent += os.write(1, block)
    except BlockingIOError:
        select.select([], [1], [], 0.1)
os._exit(0)
