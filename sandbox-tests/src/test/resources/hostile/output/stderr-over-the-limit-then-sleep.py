import os, time
data = b"z" * (@@maxOutputBytes@@ + 100)
while data:
    data = data[os.write(2, data):]
time.sleep(100)
