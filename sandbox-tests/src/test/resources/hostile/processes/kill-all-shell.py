import subprocess
print("starting the shell", flush=True)
subprocess.run(["bash", "-c", "kill -9 -1"])
print("the program survived")
