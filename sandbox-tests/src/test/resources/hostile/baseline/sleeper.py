import time
print("neighbour started", flush=True)
time.sleep(3)
print("neighbour survived")
