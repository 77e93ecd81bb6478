import sys, time
print("partial output", flush=True)
print("partial error", file=sys.stderr, flush=True)
time.sleep(100)
