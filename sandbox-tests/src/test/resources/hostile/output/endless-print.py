while True:
    print("flood flood flood")
