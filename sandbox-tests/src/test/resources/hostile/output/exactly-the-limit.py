import os
data = b"z" * @@maxOutputBytes@@
while data:
    data = data[os.write(1, data):]
