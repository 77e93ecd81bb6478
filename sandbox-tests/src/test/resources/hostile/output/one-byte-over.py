import os
data = b"z" * (@@maxOutputBytes@@ + 1)
while data:
    data = data[os.write(1, data):]
