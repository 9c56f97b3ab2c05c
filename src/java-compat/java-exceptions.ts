// The tools print Kafka errors as Java exceptions; the class and message table lives beside the
// error codes (src/protocol/java-errors.ts) because the broker sends some of those messages too.
export { javaDefaultMessage, javaExceptionClass, javaExceptionText } from '../protocol/java-errors.js';
