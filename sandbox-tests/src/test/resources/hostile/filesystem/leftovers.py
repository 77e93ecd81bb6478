import os
markers = ["/workspace/marker", "/tmp/marker", "/dev/shm/marker", "/dev/mqueue/marker"]
found = [m for m in markers if os.path.exists(m)]
print("LEFT BY AN EARLIER RUN: " + " ".join(found) if found else "clean")
for m in markers:
    try:
        open(m, "w").write("I was here")
    except OSError:
        pass
