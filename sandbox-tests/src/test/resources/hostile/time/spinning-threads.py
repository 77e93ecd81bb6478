import threading

def spin():
    while True:
        pass

for _ in range(32):
    threading.Thread(target=spin).start()
spin()
