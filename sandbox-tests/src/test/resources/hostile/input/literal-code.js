// $(touch /tmp/pwned) `touch /tmp/pwned` ; rm -rf / ; ../../etc/passwd '"\ \n %s {} ${HOME} | & > < *
process.stdout.write(require("fs").readFileSync(__filename));
