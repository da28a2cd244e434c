exports.greeting = "Hello";
