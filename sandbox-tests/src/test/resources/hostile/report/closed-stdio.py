import os
print("before close", flush=True)
os.close(1)
os.close(2)
os._exit(0)
