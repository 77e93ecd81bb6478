# $(touch /tmp/pwned) `touch /tmp/pwned` ; rm -rf / ; ../../etc/passwd '"\ \n %s {} ${HOME} | & > < *
import sys
sys.stdout.buffer.write(open(__file__, "rb").read())
