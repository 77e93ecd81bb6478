console.log("partial output");
console.error("partial error");
setTimeout(() => {}, 100000);
