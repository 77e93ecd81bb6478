import sys
sys.stdout.buffer.write(open(__file__, "rb").read())
# @@NUL@@ <- a NUL byte
