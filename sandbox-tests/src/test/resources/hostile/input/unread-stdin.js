console.log("not reading");
