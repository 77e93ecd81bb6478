import signal
for sig in signal.valid_signals():
    try:
        signal.signal(sig, signal.SIG_IGN)
    except (OSError, ValueError):
        pass  # SIGKILL and SIGSTOP cannot be ignored
while True:
    pass
