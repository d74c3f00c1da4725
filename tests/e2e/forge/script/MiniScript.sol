// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// The cheatcodes the deployment script and the fork test use, declared here so the project needs no forge-std (not available
/// offline). forge serves them at the fixed cheatcode address, keccak256("hevm cheat code")'s last 20 bytes.
interface Vm {
    function startBroadcast() external;
    function startBroadcast(uint256 privateKey) external;
    function stopBroadcast() external;
    function envOr(string calldata name, uint256 defaultValue) external view returns (uint256);
    function envAddress(string calldata name) external view returns (address);
}

abstract contract MiniScript {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// forge looks for this flag on script contracts (forge-std's Script sets it).
    bool public IS_SCRIPT = true;
}
