process.stdout.write(Buffer.alloc(100000000, "y"));
