print("at the cap")
# @@PADDING@@
