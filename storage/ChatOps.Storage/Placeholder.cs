namespace ChatOps.Storage;
