print("too big")
# @@PADDING@@
