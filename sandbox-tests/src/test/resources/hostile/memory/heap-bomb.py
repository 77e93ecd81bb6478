blocks = []
while True:
    blocks.append(b"x" * (8 << 20))
print("survived")
