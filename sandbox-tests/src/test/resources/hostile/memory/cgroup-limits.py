import os

def read(path):
    with open(path) as f:
        return f.read().strip()

if os.path.exists("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes"):  # cgroup v1
    memory = int(read("/sys/fs/cgroup/memory/memory.limit_in_bytes"))
    with_swap = int(read("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes"))
    pids = read("/sys/fs/cgroup/pids/pids.max")
elif not os.path.exists("/sys/fs/cgroup/memory.max"):
    # gVisor: no cgroup files inside, or its own cgroup file system without the host's limits (an unlimited
    # memory.limit_in_bytes, no memsw; SECURITY.md, gVisor). Its kernel shows the container's memory limit as the
    # machine's memory and has no swap; the program's process limit is RLIMIT_NPROC of the job's user, which leaves
    # out the runner (root of gVisor's kernel) that the pids cgroup counts under runc.
    import resource
    meminfo = dict(line.split(":") for line in read("/proc/meminfo").splitlines())
    memory = int(meminfo["MemTotal"].split()[0]) * 1024
    with_swap = memory + int(meminfo["SwapTotal"].split()[0]) * 1024
    pids = resource.getrlimit(resource.RLIMIT_NPROC)[0] + 1
else:  # cgroup v2
    memory = int(read("/sys/fs/cgroup/memory.max"))
    with_swap = memory + int(read("/sys/fs/cgroup/memory.swap.max"))
    pids = read("/sys/fs/cgroup/pids.max")
print("memory", memory)
print("memory+swap", with_swap)
print("processes", pids)
