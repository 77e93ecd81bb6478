import errno, os
for name in sorted(os.environ):
    print(name)
try:
    open("/proc/1/environ", "rb").read()
    print("/proc/1/environ: readable")
except OSError as e:
    print("/proc/1/environ:", errno.errorcode[e.errno])
