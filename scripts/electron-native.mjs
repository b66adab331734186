console.log("native: placeholder")
