import sys
sys.stdout.buffer.write(b"y" * 100_000_000)
sys.stdout.buffer.flush()
