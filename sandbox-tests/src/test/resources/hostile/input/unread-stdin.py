print("not reading")
