import os
while True:
    os.write(1, os.urandom(65536))
