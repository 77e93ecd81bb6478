import os

def read(path):
    with open(path) as f:
        return f.read().strip()

if os.path.exists("/sys/fs/cgroup/memory/memory.limit_in_bytes"):  # cgroup v1
    memory = int(read("/sys/fs/cgroup/memory/memory.limit_in_bytes"))
    with_swap = int(read("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes"))
    pids = read("/sys/fs/cgroup/pids/pids.max")
else:  # cgroup v2
    memory = int(read("/sys/fs/cgroup/memory.max"))
    with_swap = memory + int(read("/sys/fs/cgroup/memory.swap.max"))
    pids = read("/sys/fs/cgroup/pids.max")
print("memory", memory)
print("memory+swap", with_swap)
print("processes", pids)
