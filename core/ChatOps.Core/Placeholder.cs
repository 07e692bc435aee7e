namespace ChatOps.Core;
