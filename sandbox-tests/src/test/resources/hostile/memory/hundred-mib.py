block = b"x" * (100 << 20)
print("touched", len(block) >> 20, "MiB")
