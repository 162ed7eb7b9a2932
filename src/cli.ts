// The `aws-prereqs` terminal front.
export {};
