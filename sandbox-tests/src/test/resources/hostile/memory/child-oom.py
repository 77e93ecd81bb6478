import subprocess, sys
child = subprocess.run([sys.executable, "-c", "x = 'x' * (1 << 30)"], stderr=subprocess.DEVNULL)
print("child ended with", child.returncode)
