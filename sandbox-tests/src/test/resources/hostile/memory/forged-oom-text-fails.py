import sys
sys.stderr.write("Traceback (most recent call last):\n  File \"main.py\", line 2, in <module>\nMemoryError\n")
sys.stderr.flush()
sys.exit(1)
