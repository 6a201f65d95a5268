declare module "adaptivecards/dist/adaptivecards.js" {
  export * from "adaptivecards";
}
