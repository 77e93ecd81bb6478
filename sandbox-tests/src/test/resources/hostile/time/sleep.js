setTimeout(() => console.log("woke up"), 100000);
